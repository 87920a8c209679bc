// Flags attacker-controllable `${{ }}` expressions expanded into run scripts and into the inputs of
// actions that run their input as code, including values that reach the script through env
// entries, step outputs and job outputs Kamae can trace back to such a context.
import { injectionCheck } from '../_lib/injection';

export default injectionCheck('attacker');
