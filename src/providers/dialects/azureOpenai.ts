// Azure OpenAI, v1 API (`https://{resource}.openai.azure.com/openai/v1`): the OpenAI wire format with the key in
// `api-key`. `GET /models` lists the resource's models, not its deployments; a connection's model is the
// deployment name, so only a 1-token call proves it (the catalogue's test strategy says so).
import { keyHeader } from './dialect';
import { makeOpenAiCompatible } from './openaiCompatible';

export const azureOpenai = makeOpenAiCompatible(keyHeader('api-key'));
