import { BaselinePolicy } from "../lib/policy";
import { iamNoWildcardActions } from "./no-wildcard-actions";
import { iamTrustPolicyScoped } from "./trust-policy-scoped";

export const iamPolicies: BaselinePolicy[] = [iamNoWildcardActions, iamTrustPolicyScoped];
