import { emrSecurityConfigurationEncryption } from "./security-configuration-encryption";

export const emrPolicies = [emrSecurityConfigurationEncryption];
