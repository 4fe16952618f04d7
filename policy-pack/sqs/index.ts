import { BaselinePolicy } from "../lib/policy";
import { sqsQueuePolicyTlsOnly } from "./queue-policy-tls-only";

export const sqsPolicies: BaselinePolicy[] = [sqsQueuePolicyTlsOnly];
