import { defineConfig } from 'astro/config';

// The bare site: Astro's defaults, nothing Huntbook adds. The build script passes root and outDir.
export default defineConfig({});
