import { ebsEncryptionCustomerManagedKey } from "../../policy-pack/ebs/encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, alias, externalKeyArn, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = ebsEncryptionCustomerManagedKey;
const volumeType = "aws:ebs/volume:Volume";
const instanceType = "aws:ec2/instance:Instance";
const templateType = "aws:ec2/launchTemplate:LaunchTemplate";
const launchConfigurationType = "aws:ec2/launchConfiguration:LaunchConfiguration";
const ami = "ami-0c55b159cbfafe1f0";

function volume(name: string, inputs: Record<string, unknown>, extra = {}) {
    const id = `vol-0${name.length.toString(16)}1234567890abcdef`;
    return resource(volumeType, name, { availabilityZone: "us-east-1a", size: 100, type: "gp3", ...inputs }, {
        outputs: { id, arn: `arn:aws:ec2:us-east-1:${account}:volume/${id}`, availabilityZone: "us-east-1a", size: 100, type: "gp3", ...inputs },
        ...extra,
    });
}

/** A deployed instance; its outputs list its devices as AWS reports them. */
function instance(name: string, inputs: Record<string, unknown>, extra = {}) {
    const id = `i-0${name.length.toString(16)}1234567890abcdef`;
    return resource(instanceType, name, { ami, instanceType: "t3.micro", ...inputs }, {
        outputs: { id, arn: `arn:aws:ec2:us-east-1:${account}:instance/${id}`, ami, instanceType: "t3.micro", ...inputs },
        ...extra,
    });
}

function launchTemplate(name: string, inputs: Record<string, unknown>, extra = {}) {
    const id = `lt-0${name.length.toString(16)}1234567890abcd`;
    return resource(templateType, name, { imageId: ami, instanceType: "t3.micro", ...inputs }, {
        outputs: { id, arn: `arn:aws:ec2:us-east-1:${account}:launch-template/${id}`, imageId: ami, latestVersion: 1, ...inputs },
        ...extra,
    });
}

/** A launch configuration as @pulumi/aws declares one: its block devices take encrypted, never a key. */
function launchConfiguration(name: string, inputs: Record<string, unknown>) {
    return resource(launchConfigurationType, name, { imageId: ami, instanceType: "t3.micro", ...inputs }, {
        outputs: { id: `${name}-20260101000000000000000001`, arn: `arn:aws:autoscaling:us-east-1:${account}:launchConfiguration:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:launchConfigurationName/${name}`, imageId: ami, instanceType: "t3.micro", ...inputs },
    });
}

const encryptedRoot = (kmsKeyId: unknown = keyArn) => ({ rootBlockDevice: { encrypted: true, kmsKeyId, volumeSize: 20, volumeType: "gp3" } });
/** A launch template's mapping: `encrypted` is a string there. */
const mapping = (ebs: Record<string, unknown> | undefined, deviceName = "/dev/xvda") => ({ deviceName, ...(ebs ? { ebs: { volumeSize: 20, volumeType: "gp3", ...ebs } } : {}) });
const deps = (prop: string, to?: typeof key) => (to ? { propertyDependencies: dependsOn({ [prop]: [to] }) } : {});

caseTable(policy, [
    // Volumes: how kmsKeyId names its key.
    ...keySettingCases(policy.name, {
        prefix: "volume",
        service: "ebs",
        build: (name, kmsKeyId, on) => [volume(name, { encrypted: true, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) }, deps("kmsKeyId", on))],
    }),
    { name: "fail_volume_not_encrypted", resources: [key, volume("fail_volume_plain", {})], expect: [{ on: "fail_volume_plain", id: "notEncrypted" }] },
    { name: "fail_volume_key_without_encrypted", resources: [key, volume("fail_volume_key_only", { kmsKeyId: keyArn })], expect: [{ on: "fail_volume_key_only", id: "notEncrypted" }] },
    { name: "unknown_volume_encrypted_flag", resources: [key, volume("unknown_volume_flag", { encrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    {
        name: "pass_volume_encrypted_flag_unknown_with_a_customer_key",
        resources: [key, volume("pass_volume_flag_unknown", { encrypted: unknown.bool, kmsKeyId: keyArn })],
        expect: [],
    },
    // Instances: the root device and every EBS device, as objects or the legacy one-element list.
    { name: "pass_instance_root_and_data_devices", resources: [key, alias, instance("pass_instance", { ...encryptedRoot(), ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: "alias/data-stores", volumeSize: 100 }] })], expect: [] },
    { name: "pass_instance_root_as_legacy_list", resources: [key, instance("pass_instance_list", { rootBlockDevice: [{ encrypted: true, kmsKeyId: keyArn }] })], expect: [] },
    {
        name: "pass_instance_new_key_linked_through_the_root_block",
        resources: [newKey, instance("pass_instance_new_key", encryptedRoot(unknown.string), deps("rootBlockDevice", newKey))],
        expect: [],
    },
    { name: "fail_instance_without_root_device", resources: [key, instance("fail_instance_no_root", {})], expect: [{ on: "fail_instance_no_root", id: "rootVolumeUndeclared" }] },
    { name: "fail_instance_root_not_encrypted", resources: [key, instance("fail_instance_root_plain", { rootBlockDevice: { volumeSize: 20 } })], expect: [{ on: "fail_instance_root_plain", id: "notEncrypted" }] },
    { name: "fail_instance_root_default_key", resources: [key, instance("fail_instance_root_default", { rootBlockDevice: { encrypted: true } })], expect: [{ on: "fail_instance_root_default", id: "missingKey" }] },
    { name: "fail_instance_root_aws_managed", resources: [key, instance("fail_instance_root_aws", encryptedRoot("alias/aws/ebs"))], expect: [{ on: "fail_instance_root_aws", id: "awsManagedKey" }] },
    {
        name: "fail_instance_data_device_of_another_account_beside_a_linked_one",
        resources: [
            key,
            instance("fail_instance_data_external", {
                ...encryptedRoot(),
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: unknown.string }, { deviceName: "/dev/sdg", encrypted: true, kmsKeyId: externalKeyArn }],
            }, deps("ebsBlockDevices", key)),
        ],
        expect: [{ on: "fail_instance_data_external", id: "notCustomerManaged" }],
    },
    {
        name: "fail_instance_data_device_not_encrypted",
        resources: [key, instance("fail_instance_data_plain", { ...encryptedRoot(), ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 100 }] })],
        expect: [{ on: "fail_instance_data_plain", id: "notEncrypted" }],
    },
    {
        name: "pass_instance_from_a_launch_template_without_root_device",
        resources: [key, launchTemplate("pass_instance_template", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn })] }), instance("pass_instance_from_template", { launchTemplate: { name: "pass_instance_template", version: "$Latest" } })],
        expect: [],
    },
    { name: "unknown_instance_root_block", resources: [key, instance("unknown_instance_root", { rootBlockDevice: unknown.object })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_instance_data_devices", resources: [key, instance("unknown_instance_data", { ...encryptedRoot(), ebsBlockDevices: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
    // Launch templates: each mapping's ebs block, where encrypted is "true" or "false".
    { name: "pass_template_mapping", resources: [key, launchTemplate("pass_template", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn })] })], expect: [] },
    {
        name: "pass_template_instance_store_mapping_beside_an_encrypted_one",
        resources: [key, launchTemplate("pass_template_store", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn }), { deviceName: "/dev/sdb", virtualName: "ephemeral0" }] })],
        expect: [],
    },
    {
        name: "pass_template_new_key_linked_through_the_mappings",
        resources: [newKey, launchTemplate("pass_template_new_key", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: unknown.string })] }, deps("blockDeviceMappings", newKey))],
        expect: [],
    },
    {
        name: "pass_template_root_and_data_devices",
        resources: [key, launchTemplate("pass_template_data", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn }), mapping({ encrypted: "true", kmsKeyId: keyArn }, "/dev/sdf")] })],
        expect: [],
    },
    // Only a data device: the AMI's root volume is left as its snapshot says.
    {
        name: "fail_template_only_data_device",
        resources: [key, launchTemplate("fail_template_data_only", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn }, "/dev/sdf")] })],
        expect: [{ on: "fail_template_data_only", id: "rootDeviceNotMapped" }],
    },
    {
        name: "fail_template_only_windows_data_devices",
        resources: [key, launchTemplate("fail_template_xvdf", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn }, "xvdf"), mapping({ encrypted: "true", kmsKeyId: keyArn }, "xvdg")] })],
        expect: [{ on: "fail_template_xvdf", id: "rootDeviceNotMapped" }],
    },
    {
        name: "unknown_template_device_name",
        resources: [key, launchTemplate("unknown_template_device", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: keyArn }, unknown.string)] })],
        expect: [{ on: "(stack)", id: "undecided" }],
    },
    { name: "fail_template_without_mappings", resources: [key, launchTemplate("fail_template_none", {})], expect: [{ on: "fail_template_none", id: "rootVolumeUndeclared" }] },
    { name: "fail_template_encrypted_false", resources: [key, launchTemplate("fail_template_false", { blockDeviceMappings: [mapping({ encrypted: "false", kmsKeyId: keyArn })] })], expect: [{ on: "fail_template_false", id: "notEncrypted" }] },
    { name: "fail_template_default_key", resources: [key, launchTemplate("fail_template_default", { blockDeviceMappings: [mapping({ encrypted: "true" })] })], expect: [{ on: "fail_template_default", id: "missingKey" }] },
    {
        name: "fail_template_aws_managed_alias_arn",
        resources: [key, launchTemplate("fail_template_aws", { blockDeviceMappings: [mapping({ encrypted: "true", kmsKeyId: `arn:aws:kms:us-east-1:${account}:alias/aws/ebs` })] })],
        expect: [{ on: "fail_template_aws", id: "awsManagedKey" }],
    },
    { name: "unknown_template_mappings", resources: [key, launchTemplate("unknown_template_mappings", { blockDeviceMappings: unknown.array })], expect: [{ on: "(stack)", id: "undecided" }] },
    { name: "unknown_template_ebs_block", resources: [key, launchTemplate("unknown_template_ebs", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: unknown.object }] })], expect: [{ on: "(stack)", id: "undecided" }] },
    // A launch configuration cannot name a KMS key, whatever it declares.
    {
        name: "fail_launch_configuration_even_encrypted",
        resources: [key, launchConfiguration("fail_lc_encrypted", { rootBlockDevice: { encrypted: true, volumeSize: 20, volumeType: "gp3" }, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 50 }] })],
        expect: [{ on: "fail_lc_encrypted", id: "launchConfiguration" }],
    },
    { name: "fail_launch_configuration_without_devices", resources: [key, launchConfiguration("fail_lc_plain", {})], expect: [{ on: "fail_lc_plain", id: "launchConfiguration" }] },
    {
        name: "fail_launch_configuration_with_unknown_devices",
        resources: [key, launchConfiguration("fail_lc_unknown", { rootBlockDevice: unknown.object, ebsBlockDevices: unknown.array })],
        expect: [{ on: "fail_lc_unknown", id: "launchConfiguration" }],
    },
    {
        name: "fail_each_resource_on_itself",
        resources: [key, volume("fail_each_volume", { encrypted: true }), instance("fail_each_instance", encryptedRoot("alias/aws/ebs")), launchTemplate("fail_each_template", {})],
        expect: [
            { on: "fail_each_volume", id: "missingKey" },
            { on: "fail_each_instance", id: "awsManagedKey" },
            { on: "fail_each_template", id: "rootVolumeUndeclared" },
        ],
    },
]);

stackNotApplicable(policy, [{ name: "na_no_volumes_instances_or_templates", resources: [key], reason: "no EBS volumes, EC2 instances, launch templates or launch configurations" }]);
