// Starts the NHS.UK frontend's components (conditional reveals, error summary focus, header menu…): loading its
// module alone initialises nothing.
import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js';

initAll();
