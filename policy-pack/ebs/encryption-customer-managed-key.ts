import { AllowedKeyArnsConfig, allowedKeyArnsParameter, keyMessages, reportEncryption } from "../lib/customer-managed-keys";
import { Node, StackGraph } from "../lib/graph";
import { classifyKey } from "../lib/kms";
import { CheckContext, definePolicy } from "../lib/policy";
import { noSafeFix } from "../lib/remediation";
import { isOneOf, types } from "../lib/types";
import { UNKNOWN, at, bool, list, str } from "../lib/values";

const kinds: Record<string, string> = {
    [types.ebsVolume[0]]: "EBS volume",
    [types.ec2Instance[0]]: "EC2 instance",
    [types.ec2LaunchTemplate[0]]: "Launch template",
    [types.ec2LaunchConfiguration[0]]: "Launch configuration",
};

export const ebsEncryptionCustomerManagedKey = definePolicy<AllowedKeyArnsConfig>({
    name: "ebs-encryption-customer-managed-key",
    description:
        "EBS volumes, and the block devices of EC2 instances and launch templates, must be encrypted with a customer-managed KMS key (encrypted and kmsKeyId); launch configurations, which cannot name a key, are not used.",
    rationale:
        "A volume without encrypted: true is encrypted only if the account's EBS encryption by default happens to be on in its Region when " +
        "it is created; its snapshots and the volumes made from them inherit that. With encrypted: true but no kmsKeyId, EBS uses the " +
        "account's default EBS key, the AWS managed aws/ebs key unless changed, whose policy cannot be changed and which cannot be shared, so " +
        "its snapshots cannot be copied to another account. Declaring the key on each volume makes the encryption explicit, whatever the " +
        "account's defaults are. A launch configuration's block devices take encrypted but no key at all (the Auto Scaling API has no " +
        "KmsKeyId for them), so their volumes always get the account's default EBS key.",
    domain: "encryption-at-rest",
    severity: "high",
    findingsOn: "the aws.ebs.Volume, aws.ec2.Instance, aws.ec2.LaunchTemplate or aws.ec2.LaunchConfiguration that declares the volume or block device",
    remediationSteps:
        "Set encrypted: true and kmsKeyId to the ARN of an aws.kms.Key in the stack on each aws.ebs.Volume, on an aws.ec2.Instance's " +
        "rootBlockDevice and every ebsBlockDevices entry, and on the ebs block of every blockDeviceMappings entry of an aws.ec2.LaunchTemplate " +
        '(where encrypted is the string "true"). Replace an aws.ec2.LaunchConfiguration by an aws.ec2.LaunchTemplate (and point its ' +
        "Auto Scaling group's launchTemplate at it). Declare the root device of an instance (rootBlockDevice) or a launch template (a mapping for " +
        "the AMI's root device name) too, or its root volume follows the AMI. Changing a volume's encryption replaces it. A key managed outside " +
        "the stack can be allowed by adding its ARN to allowedKeyArns.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "EC2.3", specification: "Attached Amazon EBS volumes should be encrypted at-rest" },
    parameters: { allowedKeyArns: allowedKeyArnsParameter("volumes and block devices") },
    noRemediation: noSafeFix.customerManagedKey,
    messages: {
        notEncrypted:
            "{{kind}} '{{resource}}' does not set {{flag}} to true, so the volume is encrypted only if the account's EBS encryption by default is on. " +
            "Set {{flag}} to true and {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        missingKey:
            "{{kind}} '{{resource}}' encrypts the volume without {{setting}}, so EBS uses the account's default EBS key (the AWS managed aws/ebs key " +
            "unless changed). Set {{setting}} to the ARN of a customer-managed aws.kms.Key.",
        ...keyMessages("{{kind}} '{{resource}}'"),
        rootVolumeUndeclared:
            "{{kind}} '{{resource}}' declares no {{setting}}, so its root volume is encrypted only as the AMI's snapshot or the account's EBS " +
            "encryption by default says. Declare {{fix}}.",
        launchConfiguration:
            "{{kind}} '{{resource}}' cannot name a KMS key for its volumes (the Auto Scaling API has none for launch configurations), so they are " +
            "encrypted, at best, with the account's default EBS key. Move to an aws.ec2.LaunchTemplate whose blockDeviceMappings set encrypted " +
            'to "true" and kmsKeyId to a customer-managed key, and point the Auto Scaling group at it.',
        rootDeviceNotMapped:
            "{{kind}} '{{resource}}' maps only data devices ({{devices}}) and no mapping for the AMI's root device (such as /dev/xvda or /dev/sda1), " +
            "so its root volume's encryption is not declared: the root volume is encrypted only as the AMI's snapshot or the account's EBS " +
            'encryption by default says. Add a blockDeviceMappings entry for the AMI\'s root device name whose ebs block sets encrypted to "true" and ' +
            "kmsKeyId to a customer-managed key.",
    },
    withoutResourceSide: true,
    checkStack(stack, ctx) {
        const nodes = stack.ofType(...types.ebsVolume, ...types.ec2Instance, ...types.ec2LaunchTemplate, ...types.ec2LaunchConfiguration);
        if (nodes.length === 0) {
            ctx.notApplicable("the stack has no EBS volumes, EC2 instances, launch templates or launch configurations");
        }
        for (const node of nodes) {
            const judge = (device: Device) => judgeDevice(stack, ctx, node, device);
            if (isOneOf(node.type, types.ebsVolume)) {
                judge({ prop: "kmsKeyId", encrypted: node.inputs.encrypted, key: node.inputs.kmsKeyId, flag: "encrypted", setting: "kmsKeyId", top: true });
            } else if (isOneOf(node.type, types.ec2LaunchConfiguration)) {
                // Whatever it declares, a launch configuration cannot name a key for its volumes.
                ctx.report("launchConfiguration", { kind: kinds[node.type], resource: node.name }, node.urn);
            } else if (isOneOf(node.type, types.ec2Instance)) {
                checkInstance(ctx, node, judge);
            } else {
                checkLaunchTemplate(ctx, node, judge);
            }
        }
    },
});

/** One volume a resource declares: its encryption flag and key, where they are, and the input whose dependencies name its key. */
interface Device {
    prop: string;
    encrypted: unknown;
    key: unknown;
    flag: string;
    setting: string;
    /** The key is the top-level input `prop` itself, rather than nested in it. */
    top?: boolean;
    /** The input holds the keys of several devices. */
    shared?: boolean;
}

function judgeDevice(stack: StackGraph, ctx: CheckContext<AllowedKeyArnsConfig>, node: Node, device: Device): void {
    const key = classifyKey(stack, node, device.prop, ctx.config.allowedKeyArns, device.top ? undefined : { value: device.key, shared: device.shared });
    const data = { kind: kinds[node.type], resource: node.name, flag: device.flag, setting: device.setting };
    reportEncryption(ctx, bool(device.encrypted), key, data, node.urn);
}

function checkInstance(ctx: CheckContext<AllowedKeyArnsConfig>, node: Node, judge: (device: Device) => void): void {
    const root = at(node.inputs.rootBlockDevice, 0);
    if (root === UNKNOWN) {
        ctx.undecided("rootBlockDevice is unknown", node.urn);
    } else if (root !== undefined && root !== null) {
        judge({ prop: "rootBlockDevice", encrypted: at(root, "encrypted"), key: at(root, "kmsKeyId"), flag: "rootBlockDevice.encrypted", setting: "rootBlockDevice.kmsKeyId" });
    } else {
        // An instance launched from a template gets its root volume from the template, judged there.
        const template = at(node.inputs.launchTemplate, 0);
        if (template === UNKNOWN) {
            ctx.undecided("launchTemplate is unknown", node.urn);
        } else if (template === undefined || template === null) {
            ctx.report("rootVolumeUndeclared", { kind: kinds[node.type], resource: node.name, setting: "rootBlockDevice", fix: "rootBlockDevice with encrypted true and a customer-managed kmsKeyId" }, node.urn);
        }
    }
    const devices = list(node.inputs.ebsBlockDevices);
    if (devices === UNKNOWN) {
        ctx.undecided("ebsBlockDevices is unknown", node.urn);
        return;
    }
    devices.forEach((device, i) => {
        const where = `ebsBlockDevices[${i}]`;
        judge({ prop: "ebsBlockDevices", encrypted: at(device, "encrypted"), key: at(device, "kmsKeyId"), flag: `${where}.encrypted`, setting: `${where}.kmsKeyId`, shared: true });
    });
}

function checkLaunchTemplate(ctx: CheckContext<AllowedKeyArnsConfig>, node: Node, judge: (device: Device) => void): void {
    const mappings = list(node.inputs.blockDeviceMappings);
    if (mappings === UNKNOWN) {
        ctx.undecided("blockDeviceMappings is unknown", node.urn);
        return;
    }
    let ebsVolumes = 0;
    let unknownMappings = false;
    const dataDevices: string[] = [];
    let rootMayBeMapped = false;
    mappings.forEach((mapping, i) => {
        const ebs = at(mapping, "ebs", 0);
        if (ebs === UNKNOWN) {
            unknownMappings = true;
            ctx.undecided(`blockDeviceMappings[${i}].ebs is unknown`, node.urn);
            return;
        }
        // Instance-store (virtualName) and suppressed (noDevice) mappings hold no EBS volume.
        if (ebs === undefined || ebs === null) {
            return;
        }
        ebsVolumes++;
        const deviceName = str(at(mapping, "deviceName"));
        if (deviceName === UNKNOWN) {
            unknownMappings = true;
            ctx.undecided(`blockDeviceMappings[${i}].deviceName is unknown`, node.urn);
        } else if (typeof deviceName === "string" && isDataDeviceName(deviceName)) {
            dataDevices.push(deviceName);
        } else {
            rootMayBeMapped = true;
        }
        const where = `blockDeviceMappings[${i}].ebs`;
        judge({ prop: "blockDeviceMappings", encrypted: at(ebs, "encrypted"), key: at(ebs, "kmsKeyId"), flag: `${where}.encrypted`, setting: `${where}.kmsKeyId`, shared: true });
    });
    if (ebsVolumes === 0 && !unknownMappings) {
        ctx.report("rootVolumeUndeclared", { kind: kinds[node.type], resource: node.name, setting: "blockDeviceMappings entry with an ebs block", fix: "a blockDeviceMappings entry for the root device whose ebs block sets encrypted true and a customer-managed kmsKeyId" }, node.urn);
    } else if (dataDevices.length > 0 && !rootMayBeMapped && !unknownMappings) {
        ctx.report("rootDeviceNotMapped", { kind: kinds[node.type], resource: node.name, devices: dataDevices.join(", ") }, node.urn);
    }
}

/**
 * A device name that never names an AMI's root device: root devices are /dev/sda1 or /dev/xvda
 * (also written sda, xvda, or nvme names on some AMIs); names with a later letter are for EBS data
 * volumes and instance stores (Amazon EC2 User Guide, "Device names for volumes on Amazon EC2
 * instances": /dev/sd[f-p] recommended for EBS volumes on Linux, xvd[f-p] on Windows, and
 * /dev/sd[b-z], /dev/xvd[b-z] available). Any other name may be the AMI's root device.
 */
function isDataDeviceName(deviceName: string): boolean {
    return /^(\/dev\/)?(sd|xvd)[b-z]$/.test(deviceName.trim());
}
