import { ssmParameterSecureString } from "./parameter-secure-string";

export const ssmPolicies = [ssmParameterSecureString];
