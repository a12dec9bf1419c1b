// Linear time on hostile Python and JS/TS input: the `python` and `js` shapes
// of bench/shapes.mjs at the 256 KiB cap (see test/linear-time.test.ts, which
// runs the intake, curl and key shapes; the check is test/helpers/shapes.ts).
import { shapeTests } from './helpers/shapes.js';

shapeTests(['python', 'js']);
