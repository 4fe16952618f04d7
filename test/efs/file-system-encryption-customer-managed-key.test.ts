import { efsFileSystemEncryptionCustomerManagedKey } from "../../policy-pack/efs/file-system-encryption-customer-managed-key";
import { caseTable } from "../lib/cases";
import { account, key, keyArn, keySettingCases, newKey } from "../lib/customer-managed-key-fixtures";
import { dependsOn, resource, unknown } from "../lib/fixtures";
import { stackNotApplicable } from "../s3/s3-fixtures";

const policy = efsFileSystemEncryptionCustomerManagedKey;
const fileSystemType = "aws:efs/fileSystem:FileSystem";

/** A deployed file system: outputs carry its id and ARN, and AWS's answer for encrypted. */
function fileSystem(name: string, inputs: Record<string, unknown>, extra = {}) {
    const id = `fs-${name.length.toString(16).padStart(8, "0")}0a1b2c3d`;
    return resource(fileSystemType, name, { creationToken: name, ...inputs }, {
        outputs: { id, arn: `arn:aws:elasticfilesystem:us-east-1:${account}:file-system/${id}`, creationToken: name, encrypted: false, ...inputs },
        ...extra,
    });
}

caseTable(policy, [
    ...keySettingCases(policy.name, {
        prefix: "fs",
        service: "elasticfilesystem",
        build: (name, kmsKeyId, dependsOnKey) => [
            fileSystem(name, { encrypted: true, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) }, dependsOnKey ? { propertyDependencies: dependsOn({ kmsKeyId: [dependsOnKey] }) } : {}),
        ],
    }),
    { name: "fail_not_encrypted", resources: [key, fileSystem("fail_fs_unencrypted", {})], expect: [{ on: "fail_fs_unencrypted", id: "notEncrypted" }] },
    { name: "fail_encrypted_false_with_key", resources: [key, fileSystem("fail_fs_false", { encrypted: false, kmsKeyId: keyArn })], expect: [{ on: "fail_fs_false", id: "notEncrypted" }] },
    { name: "pass_encrypted_as_string", resources: [key, fileSystem("pass_fs_string", { encrypted: "true", kmsKeyId: keyArn })], expect: [] },
    {
        name: "pass_encrypted_unknown_with_linked_new_key",
        resources: [newKey, fileSystem("pass_fs_flag_unknown", { encrypted: unknown.bool, kmsKeyId: unknown.string }, { propertyDependencies: dependsOn({ kmsKeyId: [newKey] }) })],
        expect: [],
    },
    { name: "unknown_encrypted_without_key", resources: [key, fileSystem("unknown_fs_flag", { encrypted: unknown.bool })], expect: [{ on: "(stack)", id: "undecided" }] },
    // The server answers for the stack check, marked with its one type, without calling it.
    { name: "na_no_file_systems_in_the_stack", resources: [key], expect: [], notApplicable: [] },
]);

stackNotApplicable(policy, [{ name: "na_no_file_systems", resources: [key], reason: "Policy only applies to resources of type 'aws:efs/fileSystem:FileSystem'" }]);
