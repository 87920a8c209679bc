// Flags `${{ }}` expressions of unproven provenance (inputs, outputs of actions, dynamic matrices,
// unknown contexts) expanded into run scripts and into action inputs that run as code.
import { injectionCheck } from '../_lib/injection';

export default injectionCheck('indirect');
