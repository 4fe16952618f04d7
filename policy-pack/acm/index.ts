import { BaselinePolicy } from "../lib/policy";
import { acmCertificateTrusted } from "./certificate-trusted";

export const acmPolicies: BaselinePolicy[] = [acmCertificateTrusted];
