import { definePolicy } from "../lib/policy";
import { types } from "../lib/types";
import { UNKNOWN, list, str } from "../lib/values";

export const transferServerNoPlaintextProtocols = definePolicy({
    name: "transfer-server-no-plaintext-protocols",
    description: "AWS Transfer Family servers must not offer FTP.",
    rationale:
        "FTP sends the user's password and every file in clear text. A Transfer Family server that lists FTP among its " +
        "protocols accepts such sessions next to SFTP or FTPS, so one misconfigured client exposes credentials and data.",
    domain: "encryption-in-transit",
    severity: "medium",
    remediationSteps:
        "Remove \"FTP\" from the protocols of the aws.transfer.Server: keep \"SFTP\" (the default when protocols is unset), " +
        "\"FTPS\" (with an ACM certificate) or \"AS2\", and move FTP clients to one of them.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "Transfer.2", specification: "Transfer Family servers should not use FTP protocol for endpoint connection" },
    noRemediation:
        "removing FTP cuts off every client that connects with it (a server that offers only FTP would be left with no protocol), and only the server's owner can move those clients to SFTP or FTPS",
    messages: {
        ftp: "Transfer Family server '{{server}}' offers FTP, which sends passwords and files in clear text. Remove \"FTP\" from protocols and use SFTP or FTPS.",
    },
    resourceTypes: [...types.transferServer],
    checkResource(server, ctx) {
        // Unset protocols are ["SFTP"].
        const protocols = list(server.props.protocols);
        if (protocols === UNKNOWN) {
            ctx.undecided("protocols is unknown");
            return;
        }
        const names = protocols.map(str);
        if (names.some((p) => typeof p === "string" && p.toUpperCase() === "FTP")) {
            ctx.report("ftp", { server: server.name });
        } else if (names.includes(UNKNOWN)) {
            ctx.undecided("a protocol is unknown");
        }
    },
});
