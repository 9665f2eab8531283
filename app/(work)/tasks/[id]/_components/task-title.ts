/**
 * The task page's heading ("CLM-… · Adjuster review"): focusable from script (tabIndex -1) as the
 * page's fallback focus, and the name the decision form's outcome group is read out with.
 */
export const TASK_TITLE_ID = 'task-title';
