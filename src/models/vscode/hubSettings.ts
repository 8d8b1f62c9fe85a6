/** `inkwell.hub.*` and VS Code's own `http.*` proxy settings, read fresh for every download. */
import * as vscode from 'vscode';
import { DEFAULT_HUB_ENDPOINT } from '../common/hubUrls';
import { proxySettingsFrom, type ProxySettings } from '../common/proxyRoute';

export interface HubSettings {
  endpoint: string;
  offline: boolean;
  proxy: ProxySettings;
}

export function readHubSettings(): HubSettings {
  const hub = vscode.workspace.getConfiguration('inkwell.hub');
  const http = vscode.workspace.getConfiguration('http');
  const endpoint = hub.get<string>('endpoint')?.trim() || DEFAULT_HUB_ENDPOINT;
  return {
    endpoint: /^https?:\/\//.test(endpoint) ? endpoint : DEFAULT_HUB_ENDPOINT,
    offline: hub.get<boolean>('offline') === true,
    proxy: proxySettingsFrom(
      {
        proxy: http.get<string>('proxy'),
        noProxy: http.get<string[]>('noProxy'),
        strictSSL: http.get<boolean>('proxyStrictSSL'),
        authorization: http.get<string>('proxyAuthorization') ?? undefined,
        support: http.get<string>('proxySupport'),
      },
      process.env,
    ),
  };
}
