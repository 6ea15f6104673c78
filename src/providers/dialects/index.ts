import type { DialectId } from '../types';
import { anthropic } from './anthropic';
import { azureOpenai } from './azureOpenai';
import { bedrock } from './bedrock';
import { cohere } from './cohere';
import type { Dialect } from './dialect';
import { gemini } from './gemini';
import { ollama } from './ollama';
import { openAiCompatible } from './openaiCompatible';
import { vertex } from './vertex';

export function dialectFor(id: DialectId): Dialect {
  switch (id) {
    case 'openai':
      return openAiCompatible;
    case 'anthropic':
      return anthropic;
    case 'gemini':
      return gemini;
    case 'ollama':
      return ollama;
    case 'azure-openai':
      return azureOpenai;
    case 'cohere':
      return cohere;
    case 'bedrock':
      return bedrock;
    case 'vertex':
      return vertex;
    default: {
      const unknown: never = id;
      throw new Error(`Unknown dialect ${String(unknown)}`);
    }
  }
}
