// Refreshes a repository's metadata with tuf-js and downloads the targets named, verified.
// Usage: node download.mjs METADATA_URL TARGETS_URL TRUSTED_ROOT METADATA_DIR TARGET_DIR [TARGET_NAME...]
// Prints one JSON line per target on success; exits 1 with the error on failure.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Updater } from 'tuf-js';

const [metadataUrl, targetsUrl, trustedRoot, metadataDir, targetDir, ...targetNames] = process.argv.slice(2);

try {
  mkdirSync(metadataDir, { recursive: true });
  mkdirSync(targetDir, { recursive: true });
  copyFileSync(trustedRoot, join(metadataDir, 'root.json'));
  const updater = new Updater({ metadataBaseUrl: metadataUrl, targetBaseUrl: targetsUrl, metadataDir, targetDir });
  await updater.refresh();
  for (const targetName of targetNames) {
    const info = await updater.getTargetInfo(targetName);
    if (!info) {
      throw new Error(`no target ${targetName}`);
    }
    const path = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info));
    console.log(JSON.stringify({ target: targetName, path, length: info.length, hashes: info.hashes, custom: info.custom }));
  }
} catch (e) {
  console.error(`tuf-js: ${e.name}: ${e.message}`);
  process.exit(1);
}
