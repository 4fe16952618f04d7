import { kmsKeyRotationEnabled } from "./key-rotation-enabled";

export const kmsPolicies = [kmsKeyRotationEnabled];
