import { kmsKeyPolicyExplicit } from "./key-policy-explicit";
import { kmsKeyPolicyNoPublicPrincipal } from "./key-policy-no-public-principal";
import { kmsKeyRotationEnabled } from "./key-rotation-enabled";
import { kmsKeySafeDeletion } from "./key-safe-deletion";

export const kmsPolicies = [kmsKeyRotationEnabled, kmsKeyPolicyExplicit, kmsKeyPolicyNoPublicPrincipal, kmsKeySafeDeletion];
