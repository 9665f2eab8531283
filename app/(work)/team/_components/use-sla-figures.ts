'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../_components/api-client';
import { teamKeys } from '../../../_components/query-keys';
import type { Figures, Period } from './types';

/** SLA figures for the chosen period; the page's own figures serve the period it loaded with. */
export function useSlaFigures(initial: Figures) {
  const [days, setDays] = useState<Period>(initial.days);
  const figures = useQuery({
    queryKey: teamKeys.figures(days),
    queryFn: () => api<Figures>(`/api/team/figures?days=${days}`),
    initialData: days === initial.days ? initial : undefined,
  });
  return { days, setDays, figures: figures.data };
}
