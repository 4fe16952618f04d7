import { kmsKeyPolicyExplicit } from "./key-policy-explicit";
import { kmsKeyRotationEnabled } from "./key-rotation-enabled";

export const kmsPolicies = [kmsKeyRotationEnabled, kmsKeyPolicyExplicit];
