import { BaselinePolicy } from "../lib/policy";
import { lbListenerAcmCertificate } from "./listener-acm-certificate";
import { lbListenerHttpsOnly } from "./listener-https-only";
import { lbListenerTlsPolicy } from "./listener-tls-policy";

export const elbPolicies: BaselinePolicy[] = [lbListenerHttpsOnly, lbListenerTlsPolicy, lbListenerAcmCertificate];
