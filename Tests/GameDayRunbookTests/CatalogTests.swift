import Testing
@testable import GameDayRunbook

/// Every entry of the shipped alias catalog, with a command as a responder types it and the vocabulary command it
/// must become. The test also checks that each row is translated by its own entry, and that every entry has a row.
@Suite struct CatalogTests {
    static let table: [(typed: String, command: String)] = [
        ("aws kms disable-key --key-id prod-signing --region eu-west-1", "revoke-key prod-signing"),
        ("aws kms schedule-key-deletion --key-id prod-signing --pending-window-in-days 7", "revoke-key prod-signing"),
        ("gcloud kms keys versions disable 1 --key prod-signing --keyring ci --location europe-west1", "revoke-key prod-signing"),
        ("gcloud kms keys versions disable 1 --key=prod-signing --keyring=ci", "revoke-key prod-signing"),
        ("az keyvault key set-attributes --enabled false --name prod-signing --vault-name acme", "revoke-key prod-signing"),
        // Allowing deletion does not stop the key from signing; deleting it does.
        ("vault write -f transit/keys/prod-signing/config deletion_allowed=true", "note prod-signing may now be deleted, it still signs"),
        ("vault delete transit/keys/prod-signing", "revoke-key prod-signing"),
        ("cosign sign --key prod-signing-2 ghcr.io/acme/payments-api:1.4.2", "sign ghcr.io/acme/payments-api:1.4.2 --key prod-signing-2"),
        ("cosign sign --yes --key prod-signing-2 ghcr.io/acme/payments-api:1.4.2", "sign ghcr.io/acme/payments-api:1.4.2 --key prod-signing-2"),
        ("cosign sign ghcr.io/acme/payments-api:1.4.2 --key prod-signing-2 --tlog-upload=false", "sign ghcr.io/acme/payments-api:1.4.2 --key prod-signing-2"),
        ("notation sign --key prod-signing-2 ghcr.io/acme/payments-api:1.4.2", "sign ghcr.io/acme/payments-api:1.4.2 --key prod-signing-2"),
        ("crane delete ghcr.io/acme/payments-api:evil", "delete-image ghcr.io/acme/payments-api:evil"),
        ("regctl tag delete ghcr.io/acme/payments-api:evil", "delete-image ghcr.io/acme/payments-api:evil"),
        ("skopeo delete docker://ghcr.io/acme/payments-api:evil", "delete-image ghcr.io/acme/payments-api:evil"),
        ("gcloud artifacts docker images delete europe-docker.pkg.dev/acme/api:evil --quiet", "delete-image europe-docker.pkg.dev/acme/api:evil"),
        ("vault lease revoke -prefix ci-token", "revoke ci-token"),
        ("vault lease revoke ci-token", "revoke ci-token"),
        ("vault token revoke ci-token", "revoke ci-token"),
        ("aws iam delete-access-key --access-key-id deploy-key --user-name ci", "revoke deploy-key"),
        ("aws iam update-access-key --access-key-id deploy-key --status Inactive --user-name ci", "revoke deploy-key"),
        ("gcloud iam service-accounts keys delete deploy-key --iam-account ci@acme.iam", "revoke deploy-key"),
        ("npm token revoke npm-publish", "revoke npm-publish"),
        ("gh secret set ghcr-push-token --repo acme/api --body -", "rotate ghcr-push-token"),
        // Deleting a CI secret takes it away from the pipelines, not from whoever copied it: not a revocation.
        ("gh secret delete ghcr-push-token --repo acme/api", "note CI secret ghcr-push-token deleted, the credential itself still works"),
        ("gh workflow disable release --repo acme/api", "stop-builds release"),
        ("gh workflow enable release --repo acme/api", "resume-builds release"),
        ("kubectl delete runnerdeployment shared-runners -n arc", "disable-runners shared-runners"),
        ("kubectl delete autoscalingrunnerset shared-runners -n arc", "disable-runners shared-runners"),
        ("git -C payments-api revert --no-edit 3f2a9c1", "revert payments-api 3f2a9c1"),
        ("git -C payments-api revert 3f2a9c1", "revert payments-api 3f2a9c1"),
        // gh names a repository OWNER/REPO; the world names it REPO.
        ("gh repo archive acme/payments-api --yes", "freeze-repo payments-api"),
        ("gh repo archive payments-api --yes", "freeze-repo payments-api"),
        // A private repo still takes pushes from every token that can write to it: not a freeze.
        ("gh repo edit acme/payments-api --visibility private --accept-visibility-change-consequences",
         "note payments-api made private, it still takes pushes"),
        ("gh repo edit payments-api --visibility private --accept-visibility-change-consequences",
         "note payments-api made private, it still takes pushes"),
        ("gh api -X PUT repos/acme/payments-api/branches/main/protection --input rules.json", "protect-branch payments-api"),
        ("npm unpublish acme-utils@2.2.0", "unpublish acme-utils@2.2.0"),
        ("npm dist-tag add acme-utils@2.1.0 latest", "pin acme-utils@2.1.0"),
        ("npm deprecate acme-utils@2.2.0 \"compromised release\"", "note deprecated acme-utils@2.2.0"),
        ("npm install --save-exact acme-utils@2.1.0", "pin acme-utils@2.1.0"),
        ("pip install acme-utils==2.1.0", "pin acme-utils@2.1.0"),
        ("kubectl cordon prod-eu-1", "cordon prod-eu-1"),
        ("kubectl drain prod-eu-1 --ignore-daemonsets --delete-emptydir-data", "drain prod-eu-1"),
        ("kubectl scale deployment/payments-api --replicas=0", "scale payments-api 0"),
        ("kubectl scale deployment payments-api --replicas=0", "scale payments-api 0"),
        ("kubectl scale deployment payments-api --replicas 3", "scale payments-api 3"),
        ("kubectl -n prod scale deployment/payments-api --replicas=2", "scale payments-api 2"),
        ("kubectl rollout undo deployment/payments-api", "rollback payments-api"),
        ("kubectl rollout undo deployment payments-api --to-revision=3", "rollback payments-api"),
        ("kubectl -n prod rollout undo deployment/payments-api", "rollback payments-api"),
        ("kubectl set image deployment/payments-api api=ghcr.io/acme/payments-api:1.4.2", "deploy payments-api ghcr.io/acme/payments-api:1.4.2"),
        ("kubectl -n prod set image deployment/payments-api api=ghcr.io/acme/payments-api:1.4.2", "deploy payments-api ghcr.io/acme/payments-api:1.4.2"),
        ("helm rollback payments-api 41 -n prod", "rollback payments-api"),
        ("argocd app rollback payments-api", "rollback payments-api"),
        ("gcloud compute disks snapshot prod-eu-1 --zone europe-west1-b", "snapshot prod-eu-1"),
        ("aws ec2 create-snapshot --volume-id prod-eu-1 --description forensics", "snapshot prod-eu-1"),
        ("aws ec2 modify-instance-attribute --instance-id prod-eu-1 --groups sg-quarantine", "isolate prod-eu-1"),
        ("aws iam delete-role --role-name github-deploy", "disable-oidc github-deploy"),
        ("gcloud iam workload-identity-pools providers disable github-deploy --workload-identity-pool ci --location global", "disable-oidc github-deploy"),
    ]

    @Test(arguments: table.indices)
    func entryTranslates(_ row: Int) throws {
        let (typed, command) = Self.table[row]
        let words = try ShellWords.split(typed)
        let translated = try #require(AliasSet(AliasCatalog.aliases).translate(words), "no catalog alias matches '\(typed)'")
        #expect(translated.words.map(ShellWords.quote).joined(separator: " ") == command)
        #expect(try CommandParser.parse(words: translated.words, text: command).get().verb == translated.words[0])
    }

    /// Every entry is the first match of at least one row: none is shadowed or untested.
    @Test func everyEntryHasARow() throws {
        var used = Set<Int>()
        for (typed, _) in Self.table {
            let words = try ShellWords.split(typed)
            if let index = AliasCatalog.aliases.firstIndex(where: { $0.bindings(for: words) != nil }) { used.insert(index) }
        }
        let untested = AliasCatalog.aliases.indices.filter { !used.contains($0) }.map { AliasCatalog.aliases[$0].matchText }
        #expect(untested == [])
    }
}
