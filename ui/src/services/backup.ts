// Backups and restores. The file is chosen in a native dialog that the Rust side opens, so
// these calls carry no path; `null` means the person cancelled the dialog.
import * as client from '../api/client';
import type { BackupRestored, BackupSaved } from '../api/types';
import { formatNumber, t } from '../i18n/index.svelte';
import { attempt, type Outcome } from './errors';
import { showToast } from './toast.svelte';

export async function backUp(): Promise<Outcome<BackupSaved | null>> {
  const outcome = await attempt(() => client.backupCreate(), { toast: true });
  if (outcome.ok && outcome.value) showToast('success', t('toast.backedUp', { file: outcome.value.file }));
  return outcome;
}

export async function restoreBackup(): Promise<Outcome<BackupRestored | null>> {
  const outcome = await attempt(() => client.backupRestore(), { toast: true });
  if (outcome.ok && outcome.value) {
    const done = outcome.value;
    showToast(
      'success',
      t('toast.restored', {
        events: formatNumber(done.events),
        participants: formatNumber(done.participants),
        file: done.previousData,
      }),
    );
  }
  return outcome;
}
