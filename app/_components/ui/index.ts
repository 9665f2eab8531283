// The UI kit: every page builds its buttons, fields, tables, headers, notices and dates from
// these, so the look and the accessibility wiring live in one place.
export { Button, buttonVariants, type ButtonProps } from './button';
export { cn } from './cn';
export { Callout, calloutVariants, LiveRegion, type CalloutTone } from './callout';
export {
  DateTime,
  Day,
  useFormatInstant,
  useViewerTimeZone,
  ViewerTimeZoneProvider,
} from './date-time';
export {
  controlVariants,
  Field,
  FieldError,
  FieldHint,
  Input,
  Select,
  Textarea,
  type FieldControlProps,
} from './field';
export { formatDay, formatInstant, type DateStyle } from './format-instant';
export { LiveNotice, Notice, NoticeLine, type NoticeState, type NoticeTone } from './notice';
export { PageHeader } from './page-header';
export { EmptyRow, Table, TableBody, TableHead, Td, Th, type Column } from './table';
export { toApiProblem, useApiMutation, type ApiProblem } from './use-api-mutation';
export { CenteredPage } from './centered-page';
