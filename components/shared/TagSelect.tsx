import { t } from '@/lib/i18n';

/** A menu of tags with "any tag" first ('' when chosen). */
export function TagSelect({
  tags,
  value,
  onChange,
}: {
  tags: readonly string[];
  value: string;
  onChange: (tag: string) => void;
}) {
  return (
    <select aria-label={t('filter_tag')} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t('filter_anyTag')}</option>
      {tags.map((tag) => (
        <option key={tag} value={tag}>
          #{tag}
        </option>
      ))}
    </select>
  );
}
