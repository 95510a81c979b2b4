import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The configuration the demo runs on, shipped with the package (src/ and dist/ sit at the same depth). */
export const EMBEDDED_CONFIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../config/stockport.yaml');
