import { BaselinePolicy } from "../lib/policy";
import { iamNoBroadManagedPolicies } from "./no-broad-managed-policies";
import { iamNoCredentialsExposure } from "./no-credentials-exposure";
import { iamNoPerpetualDiffConflicts } from "./no-perpetual-diff-conflicts";
import { noPlaintextSecrets } from "./no-plaintext-secrets";
import { iamNoPrivilegeEscalation } from "./no-privilege-escalation";
import { iamNoWildcardActions } from "./no-wildcard-actions";
import { iamNoWildcardResources } from "./no-wildcard-resources";
import { resourcePolicyNoPublicAccess } from "./resource-policy-no-public-access";
import { iamRoleNoUnusedOrRedundant } from "./role-no-unused-or-redundant";
import { iamRoleSeparationOfDuties } from "./role-separation-of-duties";
import { iamTrustPolicyScoped } from "./trust-policy-scoped";
import { iamUserNoAttachedPolicies } from "./user-no-attached-policies";

export const iamPolicies: BaselinePolicy[] = [iamNoWildcardActions, iamNoWildcardResources, iamTrustPolicyScoped, iamNoBroadManagedPolicies, iamRoleSeparationOfDuties, iamRoleNoUnusedOrRedundant, iamNoPerpetualDiffConflicts, iamUserNoAttachedPolicies, iamNoPrivilegeEscalation, iamNoCredentialsExposure, resourcePolicyNoPublicAccess, noPlaintextSecrets];
