/**
 * The chat surfaces: the chat view in Inkwell's activity-bar container, the `@inkwell`
 * participant in VS Code's chat, and the `inkwell` language model for `vscode.lm`. All of them
 * generate through `services.provider`.
 */
import * as vscode from 'vscode';
import type { EditReviews } from '../editing/editReview';
import { PROVIDER_SETTING_SECTIONS } from '../providers/vscode/remoteSettings';
import type { InkwellServices } from '../services';
import { ConversationStore } from './node/conversationStore';
import { ChatController } from './vscode/chatController';
import { ChatModels } from './vscode/chatModels';
import { ChatSettings } from './vscode/chatSettings';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { EditorContext } from './vscode/editorContext';
import { registerInkwellLanguageModel } from './vscode/inkwellLanguageModel';
import { registerInkwellParticipant } from './vscode/inkwellParticipant';
import { workspaceChatStorage } from './vscode/workspaceChatStorage';

export function registerChat(context: vscode.ExtensionContext, services: InkwellServices, reviews: EditReviews): void {
  // Workspace storage keeps each workspace's chats apart; a window without a folder uses global storage.
  const folder = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'chat');
  const store = new ConversationStore(workspaceChatStorage(folder), (message) => services.log.warn(message));
  const models = new ChatModels(services);
  const editorContext = new EditorContext((attachment) => controller.sendSelection(attachment));
  const controller = new ChatController({
    services,
    store,
    models,
    settings: new ChatSettings(context.globalState, () => services.settings().generation),
    editorContext,
    reviews,
    state: context.workspaceState,
  });
  context.subscriptions.push(
    editorContext,
    controller,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, new ChatViewProvider(context.extensionUri, controller, services.log)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (['inkwell.model', ...PROVIDER_SETTING_SECTIONS].some((section) => event.affectsConfiguration(section))) controller.sendModels();
    }),
    vscode.commands.registerCommand('inkwell.chat.newChat', () => controller.handle({ type: 'newChat' })),
    vscode.commands.registerCommand('inkwell.chat.stop', () => controller.handle({ type: 'stop' })),
    registerInkwellLanguageModel(services, () => models.choices().find((choice) => choice.id === models.current)?.canReadImages),
  );
  registerInkwellParticipant(context, services, () => {
    const selection = editorContext.currentSelection();
    return selection && `Selected text from \`${selection.path}\`:\n\n${selection.text}`;
  });
}
