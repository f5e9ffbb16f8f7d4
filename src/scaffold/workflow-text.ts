/**
 * The GitHub Actions workflow `huntbook init` writes: every pull request is checked in strict
 * mode, and every push to main builds the site and publishes it with GitHub Pages.
 */

/** Where the workflow goes, relative to the repository root. */
export const WORKFLOW_PATH = '.github/workflows/huntbook.yml';

/**
 * @example toWorkflowText() // → '# Checks the detection content …\nname: Huntbook\n…'
 */
export function toWorkflowText(): string {
  return WORKFLOW;
}

/** Both jobs start alike: the repository, Node 24 and the locked packages, huntbook among them. */
const SETUP_STEPS = `      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: 24
          cache: npm
      - run: npm ci
`;

// `base_path` of configure-pages is the path Pages serves the site under (`/<repository>` for a
// project site, empty with a custom domain), so links work wherever the site ends up.
const WORKFLOW = `# Checks the detection content on every pull request, and publishes the Huntbook site with
# GitHub Pages on every push to main. Written by "huntbook init": change it as you need.
# Before the first run: add huntbook to package.json (npm install --save-dev huntbook), commit
# package-lock.json, and choose "GitHub Actions" as the source under Settings > Pages.
name: Huntbook

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
${SETUP_STEPS}      # Fails on every error and warning, each shown with its file and line.
      - run: npx huntbook check --strict

  build:
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
${SETUP_STEPS}      - id: pages
        uses: actions/configure-pages@v5
      - run: npx huntbook build --out dist --base "\${{ steps.pages.outputs.base_path }}/"
      - uses: actions/upload-pages-artifact@v4
        with:
          path: dist

  deploy:
    needs: build
    runs-on: ubuntu-latest
    # One deployment at a time; a newer push waits instead of cancelling one half done.
    concurrency:
      group: pages
      cancel-in-progress: false
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
