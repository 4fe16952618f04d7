import { BaselinePolicy } from "../lib/policy";
import { lbListenerHttpsOnly } from "./listener-https-only";
import { lbListenerTlsPolicy } from "./listener-tls-policy";

export const elbPolicies: BaselinePolicy[] = [lbListenerHttpsOnly, lbListenerTlsPolicy];
