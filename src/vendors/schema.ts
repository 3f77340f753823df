/** Every vendor's GraphQL types and root fields. */
import './torq/schema.js';
import './akana/schema.js';
import './google/schema.js';
import './oracle/schema.js';
import './roma/schema.js';
import './roma/browse.js';
import './oracle/browse.js';
import './google/browse.js';
import './akana/browse.js';
