import { claimStyle } from '@/lib/claim-types';
import { t } from '@/lib/i18n';

/** Props of {@link ClaimChip}. */
export interface ClaimChipProps {
  claimType: string | null;
}

/** A claim type as a coloured chip with a glyph, so it never depends on colour alone. */
export function ClaimChip({ claimType }: ClaimChipProps) {
  const style = claimStyle(claimType);
  return (
    <span class="chip" style={{ '--chip': style.color }}>
      <span class="chip-glyph" aria-hidden="true">
        {style.glyph}
      </span>
      {t(claimType ? `claimType_${claimType}` : 'claimType_none')}
    </span>
  );
}
