import { BaselinePolicy } from "../lib/policy";
import { rdsRequireTls } from "./require-tls";

export const rdsPolicies: BaselinePolicy[] = [rdsRequireTls];
