import { claimLabelOf } from '@/lib/claim-labels';
import { type ClaimTypeDef, claimStyle } from '@/lib/claim-types';

/** Props of {@link ClaimChip}. */
export interface ClaimChipProps {
  claimType: string | null;
  types: readonly ClaimTypeDef[];
}

/** A claim type as a coloured chip with a glyph, so it never depends on colour alone. */
export function ClaimChip({ claimType, types }: ClaimChipProps) {
  const style = claimStyle(claimType, types);
  return (
    <span class="chip" style={{ '--chip': style.color }}>
      <span class="chip-glyph" aria-hidden="true">
        {style.glyph}
      </span>
      {claimLabelOf(claimType, types)}
    </span>
  );
}
