import type { ComponentType } from 'react';
import { AcquisitionTab } from './AcquisitionTab';
import type { AnalyticsParams, AnalyticsTab } from './analyticsParams';
import { ExperimentsTab } from './ExperimentsTab';
import { HealthTab } from './HealthTab';
import { JourneysTab } from './JourneysTab';
import { RetentionTab } from './RetentionTab';
import { SettingsTab } from './SettingsTab';
import { StagesTab } from './StagesTab';
import { SurveysTab } from './SurveysTab';
import { ValueTab } from './ValueTab';

/** The tabs of the Analytics area in the order they are shown; `filters: false` hides the range bar (settings). */
export const analyticsTabs: { id: AnalyticsTab; label: string; Component: ComponentType<{ params: AnalyticsParams }>; filters?: boolean }[] = [
  { id: 'stages', label: 'Stages', Component: StagesTab },
  { id: 'retention', label: 'Retention', Component: RetentionTab },
  { id: 'value', label: 'Value', Component: ValueTab },
  { id: 'acquisition', label: 'Acquisition', Component: AcquisitionTab },
  { id: 'surveys', label: 'NPS & CSAT', Component: SurveysTab },
  { id: 'health', label: 'Health', Component: HealthTab },
  { id: 'journeys', label: 'Journeys', Component: JourneysTab },
  { id: 'experiments', label: 'Experiments', Component: ExperimentsTab },
  { id: 'settings', label: 'Settings', Component: SettingsTab, filters: false },
];
