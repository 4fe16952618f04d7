import { BaselinePolicy } from "../lib/policy";
import { iamNoPerpetualDiffConflicts } from "./no-perpetual-diff-conflicts";
import { iamNoWildcardActions } from "./no-wildcard-actions";
import { iamNoWildcardResources } from "./no-wildcard-resources";
import { iamRoleNoUnusedOrRedundant } from "./role-no-unused-or-redundant";
import { iamTrustPolicyScoped } from "./trust-policy-scoped";

export const iamPolicies: BaselinePolicy[] = [iamNoWildcardActions, iamNoWildcardResources, iamTrustPolicyScoped, iamRoleNoUnusedOrRedundant, iamNoPerpetualDiffConflicts];
