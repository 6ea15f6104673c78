// A realistic agent-mode request, shared by the bench entry points: 40 tools shaped like VS Code's agent tools
// (nested objects, arrays, enums, long descriptions) and a 200-message history (a long system prompt, user turns,
// assistant text and tool calls, tool results of a few KB, a few images). Deterministic.
import type { ChatTool, RichChatMessage } from '../src/providers';

const words = 'the file workspace function returns value when called with arguments that match pattern error test build path line code'.split(' ');
function prose(n: number, seed: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += `${words[(i * 7 + seed) % words.length]}${i % 12 === 11 ? '. ' : ' '}`;
  return out.trim();
}
function code(lines: number, seed: number): string {
  return Array.from({ length: lines }, (_, i) => `${' '.repeat((i % 4) * 2)}const v${seed}_${i} = compute(${i}, "${words[(i + seed) % words.length]}"); // ${words[i % words.length]}`).join('\n');
}

const BASE_TOOLS: ChatTool[] = [
  {
    name: 'read_file',
    description: `Read the contents of a file. ${prose(60, 1)}`,
    inputSchema: {
      type: 'object',
      properties: {
        filePath: { type: 'string', description: 'The absolute path of the file to read.' },
        startLine: { type: 'number', description: 'The line number to start reading from, 1-based.' },
        endLine: { type: 'number', description: 'The inclusive line number to end reading at, 1-based.' },
      },
      required: ['filePath', 'startLine', 'endLine'],
    },
  },
  {
    name: 'replace_string_in_file',
    description: `Edit an existing file by replacing one string with another. ${prose(120, 2)}`,
    inputSchema: {
      type: 'object',
      properties: {
        filePath: { type: 'string', description: 'An absolute path to the file to edit.' },
        oldString: { type: 'string', description: 'The exact literal text to replace, with at least 3 lines of context.' },
        newString: { type: 'string', description: 'The exact literal text to replace `oldString` with.' },
      },
      required: ['filePath', 'oldString', 'newString'],
    },
  },
  {
    name: 'run_in_terminal',
    description: `Run a shell command in a persistent terminal session. ${prose(200, 3)}`,
    inputSchema: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'The command to run in the terminal.' },
        explanation: { type: 'string', description: 'A one-sentence description of what the command does.' },
        isBackground: { type: 'boolean', description: 'Whether the command starts a background process.' },
        timeout: { type: 'number', minimum: 0, description: 'A timeout in milliseconds.' },
      },
      required: ['command', 'explanation', 'isBackground'],
    },
  },
  {
    name: 'manage_todo_list',
    description: `Manage a structured todo list to track progress and plan tasks. ${prose(250, 4)}`,
    inputSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        operation: { type: 'string', enum: ['write', 'read'], description: 'write: replace the whole list; read: return it.' },
        todoList: {
          type: 'array',
          description: 'The complete list of todo items.',
          items: {
            type: 'object',
            properties: {
              id: { type: 'number', description: 'Unique identifier, sequential from 1.' },
              title: { type: 'string', description: 'A concise label, 3-7 words.' },
              description: { type: 'string', description: 'Detailed context and acceptance criteria.' },
              status: { type: 'string', enum: ['not-started', 'in-progress', 'completed'], description: 'not-started, in-progress (one at most), completed.' },
            },
            required: ['id', 'title', 'description', 'status'],
            additionalProperties: false,
          },
        },
      },
      required: ['operation'],
    },
  },
  {
    name: 'grep_search',
    description: `Do a fast text search in the workspace. ${prose(90, 5)}`,
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'The pattern to search for.' },
        isRegexp: { type: 'boolean', description: 'Whether the pattern is a regex.' },
        includePattern: { type: 'string', description: 'A glob of files to search in.' },
        maxResults: { type: 'number', description: 'The maximum number of results.' },
      },
      required: ['query', 'isRegexp'],
    },
  },
  {
    name: 'create_file',
    description: `Create a new file in the workspace with the given content. ${prose(50, 6)}`,
    inputSchema: {
      type: 'object',
      properties: { filePath: { type: 'string', description: 'The absolute path of the file.' }, content: { type: 'string', description: 'The content.' } },
      required: ['filePath', 'content'],
    },
  },
  {
    name: 'get_errors',
    description: `Get any compile or lint errors in files. ${prose(70, 7)}`,
    inputSchema: { type: 'object', properties: { filePaths: { type: 'array', items: { type: 'string' }, description: 'Absolute paths of files.' } } },
  },
  {
    name: 'run_task',
    description: `Run a VS Code task. ${prose(80, 8)}`,
    inputSchema: {
      type: 'object',
      properties: {
        workspaceFolder: { type: 'string', description: 'The workspace folder path.' },
        id: { type: 'string', description: 'The task id.' },
        options: {
          type: 'object',
          properties: {
            reveal: { type: 'string', enum: ['always', 'silent', 'never'] },
            env: { type: 'object', additionalProperties: { type: 'string' } },
            args: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
          },
        },
      },
      required: ['workspaceFolder', 'id'],
    },
  },
  {
    name: 'fetch_webpage',
    description: `Fetch the main content of a web page. ${prose(60, 9)}`,
    inputSchema: {
      type: 'object',
      properties: { urls: { type: 'array', items: { type: 'string', format: 'uri' }, description: 'The URLs.' }, query: { type: 'string', description: 'What to look for.' } },
      required: ['urls', 'query'],
    },
  },
  { name: 'get_changed_files', description: `Get git diffs of current file changes. ${prose(40, 10)}`, inputSchema: { type: 'object', properties: {} } },
];

/** 40 tools: the ten above and variants of them (other names, the same shapes), as agent mode sends with MCP servers. */
export function agentTools(): ChatTool[] {
  const tools: ChatTool[] = [];
  for (let i = 0; i < 40; i++) {
    const base = BASE_TOOLS[i % BASE_TOOLS.length] as ChatTool;
    const variant = Math.floor(i / BASE_TOOLS.length);
    tools.push({
      name: variant === 0 ? base.name : `mcp_server${variant}_${base.name}`,
      description: variant === 0 ? base.description : `${base.description} (server ${variant})`,
      ...(base.inputSchema ? { inputSchema: structuredClone(base.inputSchema) } : {}),
    });
  }
  return tools;
}

/** Bytes that look like an image of `size` bytes (content does not matter to the conversion). */
function image(size: number, seed: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed * 17) & 0xff;
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return data;
}

/**
 * 200 messages: a system prompt, then rounds of user → assistant (text and 1–2 tool calls) → user (the tool
 * results, now and then with text) … A few user turns carry an image (screenshots of 40–120 KB).
 */
export function agentHistory(): RichChatMessage[] {
  const messages: RichChatMessage[] = [{ role: 'system', content: `You are an expert AI programming assistant. ${prose(1500, 0)}` }];
  let call = 0;
  let images = 0;
  for (let turn = 0; messages.length < 200; turn++) {
    if (turn % 4 === 0) {
      const withImage = turn % 16 === 4 && images < 3;
      messages.push({
        role: 'user',
        content: [
          { type: 'text', text: `<context>${prose(120, turn)}</context>\n${prose(40, turn + 1)}` },
          ...(withImage ? [{ type: 'image' as const, mimeType: 'image/png', data: image(40_000 * ++images, turn) }] : []),
        ],
      });
      if (messages.length >= 200) break;
    }
    const calls = 1 + (turn % 2);
    const ids = Array.from({ length: calls }, () => `call_${(call++).toString(36).padStart(8, 'x')}`);
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: prose(30 + (turn % 5) * 10, turn) },
        ...ids.map((id, k) => ({
          type: 'toolCall' as const,
          id,
          name: (BASE_TOOLS[(turn + k) % BASE_TOOLS.length] as ChatTool).name,
          input: { filePath: `/work/project/src/module${turn}/file${k}.ts`, startLine: 1, endLine: 200, query: prose(6, k) },
        })),
      ],
    });
    if (messages.length >= 200) break;
    messages.push({
      role: 'user',
      content: ids.map((id, k) => ({ type: 'toolResult' as const, callId: id, content: code(20 + ((turn + k) % 6) * 15, turn + k) })),
    });
  }
  return messages.slice(0, 200);
}
