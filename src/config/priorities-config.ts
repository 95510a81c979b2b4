/**
 * The analyst's priority matrix entries, in a YAML file beside the area configuration (named by
 * `report.priorities`): the scale, the weights, and per issue the harm scores, the organisational
 * position and which workshop categories count as concern about it. Validated strictly.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { cspError } from '../errors.ts';

const score = z.number().min(1);

export const PrioritiesConfigSchema = z
  .object({
    /** Top of every scale (MoRiLE uses 1-5). */
    scaleMax: z.number().int().min(3).max(10).default(5),
    weights: z.object({ risk: z.number().nonnegative(), concern: z.number().nonnegative(), position: z.number().nonnegative() }).strict().default({ risk: 1, concern: 2, position: 2 }),
    issues: z
      .record(
        z.string(),
        z
          .object({
            harm: z.object({ physical: score, psychological: score, financial: score, community: score, vulnerability: score }).strict().optional(),
            /** 1 = well placed to respond, scaleMax = large gap. */
            position: z.object({ capacity: score, capability: score }).strict().optional(),
            /** Workshop issue categories that count as concern about this issue (default: those sharing its title). */
            workshopCategories: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export type PrioritiesConfig = z.infer<typeof PrioritiesConfigSchema>;

export const DEFAULT_PRIORITIES: PrioritiesConfig = PrioritiesConfigSchema.parse({});

export function loadPrioritiesConfig(file: string): PrioritiesConfig {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw cspError('CSP_ERR_CONFIG_INVALID', `cannot read the priorities file: ${(e as Error).message}`, { file }, e);
  }
  const r = PrioritiesConfigSchema.safeParse(raw ?? {});
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw cspError('CSP_ERR_CONFIG_INVALID', `${i.path.join('.') || '(root)'}: ${i.message}`, { file });
  }
  for (const [id, entry] of Object.entries(r.data.issues)) {
    const values = [...Object.values(entry.harm ?? {}), ...Object.values(entry.position ?? {})];
    if (values.some((v) => v > r.data.scaleMax)) throw cspError('CSP_ERR_CONFIG_INVALID', `issues.${id}: a score above the scale maximum ${r.data.scaleMax}`, { file });
  }
  return r.data;
}
