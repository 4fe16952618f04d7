import { BaselinePolicy } from "../lib/policy";
import { lbDesyncMitigationMode } from "./desync-mitigation-mode";
import { lbDropInvalidHeaderFields } from "./drop-invalid-header-fields";
import { lbListenerAcmCertificate } from "./listener-acm-certificate";
import { lbListenerHttpsOnly } from "./listener-https-only";
import { lbListenerTlsPolicy } from "./listener-tls-policy";

export const elbPolicies: BaselinePolicy[] = [lbListenerHttpsOnly, lbListenerTlsPolicy, lbListenerAcmCertificate, lbDropInvalidHeaderFields, lbDesyncMitigationMode];
