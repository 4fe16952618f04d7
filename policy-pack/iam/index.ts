import { BaselinePolicy } from "../lib/policy";
import { iamTrustPolicyScoped } from "./trust-policy-scoped";

export const iamPolicies: BaselinePolicy[] = [iamTrustPolicyScoped];
