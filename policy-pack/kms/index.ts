import { kmsKeyPolicyExplicit } from "./key-policy-explicit";
import { kmsKeyPolicyNoPublicPrincipal } from "./key-policy-no-public-principal";
import { kmsKeyRotationEnabled } from "./key-rotation-enabled";

export const kmsPolicies = [kmsKeyRotationEnabled, kmsKeyPolicyExplicit, kmsKeyPolicyNoPublicPrincipal];
