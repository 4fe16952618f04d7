import { BaselinePolicy } from "../lib/policy";
import { iamRoleNoUnusedOrRedundant } from "./role-no-unused-or-redundant";
import { iamTrustPolicyScoped } from "./trust-policy-scoped";

export const iamPolicies: BaselinePolicy[] = [iamTrustPolicyScoped, iamRoleNoUnusedOrRedundant];
