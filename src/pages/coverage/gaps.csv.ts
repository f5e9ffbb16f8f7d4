import type { APIRoute } from 'astro';
import { toCsv } from '../../coverage/exports.ts';
import { listGapRecords } from '../../coverage/matrix.ts';
import { getCoverage } from '../../site/data.ts';

export const GET: APIRoute = async () => {
  const { matrix } = await getCoverage();
  const rows = listGapRecords(matrix).map((r) => [r.tool, r.subTechnique, r.telemetry, r.status, r.rules]);
  const csv = toCsv([['tool', 'sub-technique', 'telemetry', 'status', 'rules'], ...rows]);
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
