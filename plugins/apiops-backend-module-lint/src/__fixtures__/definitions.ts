/** An OpenAPI definition with no operation ids, descriptions or contact. */
export const BARE_OPENAPI = `openapi: 3.0.3
info:
  title: Bare
  version: 1.0.0
servers:
  - url: https://api.example.com
paths:
  /pets:
    get:
      tags: [pets]
      responses:
        '200':
          description: The pets
`;

/** The same API, with what the recommended rules ask for. */
export const CLEAN_OPENAPI = `openapi: 3.0.3
info:
  title: Clean
  version: 1.0.0
  description: Pets for sale.
  contact:
    name: Pet team
    email: pets@example.com
servers:
  - url: https://api.example.com
tags:
  - name: pets
    description: Pets
paths:
  /pets:
    get:
      operationId: listPets
      summary: List the pets
      description: Lists the pets for sale.
      tags: [pets]
      responses:
        '200':
          description: The pets
`;

/** An AsyncAPI 2 definition. */
export const ASYNCAPI = `asyncapi: 2.6.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders:
    subscribe:
      message:
        payload:
          type: object
`;
