import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureOutputFolder, restrictOutputs } from '../render/write-private.ts';
import type { Assessment } from './model.ts';

export type OutputFormat = 'json' | 'html' | 'pdf' | 'xlsx' | 'geojson';

/** Every format: what `assess` and the demo write unless told otherwise. */
export const ALL_FORMATS: readonly OutputFormat[] = ['json', 'html', 'pdf', 'xlsx', 'geojson'];

export interface WrittenOutputs {
  dir: string;
  /** Written files by kind: json, html, pdf, and the GeoJSON layers (localities, hotspots, density). */
  files: Record<string, string>;
}

export function parseFormats(list: string): OutputFormat[] {
  const known: readonly OutputFormat[] = ALL_FORMATS;
  return list.split(',').map((f) => {
    const t = f.trim() as OutputFormat;
    if (!known.includes(t)) throw new Error(`unknown format "${f}"`);
    return t;
  });
}

/** Writes the model and the outputs rendered from it into `dir`. Renderers see only the model. */
export async function writeOutputs(assessment: Assessment, dir: string, formats: readonly OutputFormat[], options: { public?: boolean } = {}): Promise<WrittenOutputs> {
  const out = resolve(dir);
  ensureOutputFolder(out, options.public ?? false);
  const files: WrittenOutputs['files'] = {};
  const suffix = options.public ? '-public' : '';
  if (formats.includes('json')) {
    files.json = join(out, 'assessment.json');
    writeFileSync(files.json, `${JSON.stringify(assessment, null, 2)}\n`);
  }
  let html: string | null = null;
  // Renderers load on demand: the CLI starts fast, and commands that render nothing never load them.
  if (formats.includes('html') || formats.includes('pdf') || formats.includes('xlsx')) {
    const { renderReportHtml } = await import('../render/report-html.ts');
    html = renderReportHtml(assessment, { public: options.public ?? false });
  }
  if (formats.includes('html')) {
    files.html = join(out, `report${suffix}.html`);
    writeFileSync(files.html, html!);
  }
  if (formats.includes('pdf')) {
    files.pdf = join(out, `report${suffix}.pdf`);
    const { renderReportPdf } = await import('../render/pdf/report-pdf.ts');
    const marking = options.public ? null : (assessment.document?.protectiveMarking ?? null);
    await renderReportPdf(html!, files.pdf, { dataLabel: assessment.data.synthetic ? assessment.data.label : null, marking, edition: options.public ? 'Published edition' : null });
  }
  if (formats.includes('xlsx')) {
    files.xlsx = join(out, `tables${suffix}.xlsx`);
    const { renderReportXlsx } = await import('../render/xlsx/report-xlsx.ts');
    writeFileSync(files.xlsx, await renderReportXlsx(assessment, html!, { public: options.public ?? false }));
  }
  if (formats.includes('geojson')) {
    files.geojson = join(out, 'localities.geojson');
    writeFileSync(files.geojson, JSON.stringify(assessment.localityMap));
    const hotspots = assessment.analysis?.hotspots;
    if (hotspots) {
      files.hotspots = join(out, 'hotspots-lsoa.geojson');
      writeFileSync(files.hotspots, JSON.stringify(hotspots.giMap));
      // Density cells above the 90th percentile of the first layer (all crime), in WGS84.
      const layer = hotspots.kde[0];
      if (layer) {
        files.kde = join(out, 'kde-cells.geojson');
        const { kdeCells } = await import('../analysis/spatial/kde.ts');
        writeFileSync(files.kde, JSON.stringify(kdeCells({ ...layer, values: Float64Array.from(layer.values), totalWeight: layer.points, pointsOutside: 0, pointsSkipped: 0 })));
      }
    }
    if (assessment.spaceTime?.emerging) {
      files.emerging = join(out, 'emerging-hotspots.geojson');
      writeFileSync(files.emerging, JSON.stringify(assessment.spaceTime.emerging.map));
    }
  }
  restrictOutputs(Object.values(files), options.public ?? false);
  return { dir: out, files };
}
