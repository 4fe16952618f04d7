import { BaselinePolicy } from "../lib/policy";
import { lbListenerHttpsOnly } from "./listener-https-only";

export const elbPolicies: BaselinePolicy[] = [lbListenerHttpsOnly];
