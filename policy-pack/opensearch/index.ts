import { BaselinePolicy } from "../lib/policy";
import { opensearchDomainTls } from "./domain-tls";

export const openSearchPolicies: BaselinePolicy[] = [opensearchDomainTls];
