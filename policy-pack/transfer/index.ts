import { BaselinePolicy } from "../lib/policy";
import { transferServerNoPlaintextProtocols } from "./server-no-plaintext-protocols";

export const transferPolicies: BaselinePolicy[] = [transferServerNoPlaintextProtocols];
