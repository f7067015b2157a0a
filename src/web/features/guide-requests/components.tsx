import type { GuideRequestStatus, URGENCIES } from '../../../common/api/guide-requests.js';
import type { ProposalStatus } from '../../../common/api/placements.js';
import { useTranslation } from '../../i18n/translate.js';
import { StatusBadge } from '../../components/status-badge.js';
import { Flag } from '../volunteers/components.js';
import { PROPOSAL_STATUS_COLORS, REQUEST_STATUS_COLORS } from './vocabulary.js';

export function RequestStatusBadge({ status }: { status: GuideRequestStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={REQUEST_STATUS_COLORS[status]}>{t(`guideRequests.status.${status}`)}</StatusBadge>;
}

export function ProposalStatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={PROPOSAL_STATUS_COLORS[status]}>{t(`proposals.status.${status}`)}</StatusBadge>;
}

/** Urgency in words; only "high" and "urgent" stand out. */
export function Urgency({ urgency }: { urgency: (typeof URGENCIES)[number] }) {
  const { t } = useTranslation();
  const label = t(`requests.urgency.${urgency}`);
  if (urgency === 'urgent' || urgency === 'high') return <Flag color="orange">{label}</Flag>;
  return <span className="request-urgency">{label}</span>;
}

/** A score of 0 … 100 as a bar with its number; the number is what screen readers hear. */
export function ScoreBar({ score, label }: { score: number; label: string }) {
  const { t } = useTranslation();
  const rounded = Math.round(score);
  return (
    <div className="score">
      <div
        className="score-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={t('requests.candidates.scoreOf', { score: rounded })}
        aria-label={label}
      >
        <div className="score-fill" style={{ inlineSize: `${Math.max(0, Math.min(100, score))}%` }} />
      </div>
      <span className="score-number" aria-hidden="true">
        {rounded}
      </span>
    </div>
  );
}
