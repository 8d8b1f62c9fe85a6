/** The page calls this binding, exposed by chromiumSession.ts, for Chromium's CPU time (all its processes, ms). */
export const CPU_BINDING = 'benchChromiumCpuMs';
