import { BaselinePolicy } from "../lib/policy";
import { snsTopicPolicyTlsOnly } from "./topic-policy-tls-only";

export const snsPolicies: BaselinePolicy[] = [snsTopicPolicyTlsOnly];
