// Generated from GET /openapi.json by `pnpm --filter @sluice/client generate`: do not edit.

export interface paths {
    "/v1/practices/{ods}/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a patient's request to their practice
         * @description Screened for emergencies at once (the answer carries the advice), then decided against the practice's safe capacity; read the decision at statusUrl.
         */
        post: operations["createRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A request's status, as its patient may see it (no personal data)
         * @description Needs no key: the id is an unguessable UUID the patient holds.
         */
        get: operations["getRequestStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every client (operator only); never their keys */
        get: operations["listClients"];
        put?: never;
        /** Issue a client key (operator only) */
        post: operations["createClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a client's key (operator only) */
        delete: operations["revokeClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/practices/{ods}/rota/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's Monday–Friday rota template */
        get: operations["getWeeklyRota"];
        /** Set the Monday–Friday rota template (the operator's first one registers the practice) */
        put: operations["putWeeklyRota"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/practices/{ods}/rota/{date}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One day's rota (dated, else the template's) and its safe capacity */
        get: operations["getDayRota"];
        /** Set one day's rota, in place of the template that day (this year ± 2) */
        put: operations["putDayRota"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/practices/{ods}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's settings (defaults filled in) */
        get: operations["getConfig"];
        /** Set the practice's settings; every field has a default, so {} is valid */
        put: operations["putConfig"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        CreateRequestBody: {
            /** @enum {string} */
            kind: "clinical" | "admin";
            /**
             * @default routine
             * @enum {string}
             */
            urgency?: "routine" | "urgent";
            description: string;
            contact: {
                sms?: string;
                email?: string;
            };
            redFlags?: ("chest-pain" | "stroke-signs" | "breathing-difficulty" | "anaphylaxis" | "heavy-bleeding" | "sepsis-signs" | "non-blanching-rash" | "suicidal-thoughts" | "self-harm" | "overdose-poisoning" | "collapse-unconscious" | "seizure" | "head-injury-red-flags" | "pregnancy-bleeding-or-pain" | "unresponsive-baby" | "cauda-equina" | "testicular-pain-sudden" | "sudden-vision-loss" | "severe-burn" | "choking")[];
            patient?: {
                ageYears?: number;
                cohorts?: string[];
                nhsNumber?: string;
            };
            source?: string;
        };
        CreateRequestResponse: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "received" | "accepted" | "queued" | "redirected" | "cancelled";
            statusUrl: string;
            reason?: {
                /** @enum {string} */
                code: "received" | "accepted-routine" | "accepted-urgent" | "accepted-admin" | "accepted-duty-clinician" | "concern-duty-clinician" | "accepted-next-working-day" | "queued-capacity" | "queued-out-of-hours" | "queued-paused" | "promoted" | "redirected-emergency" | "redirected-nhs-111" | "redirected-nhs-111-online" | "redirected-pharmacy-first" | "redirected-extended-access" | "redirected-closed-out-of-hours" | "redirected-paused" | "redirected-concern" | "fair-use-limit" | "cancelled";
                text: string;
            };
            /** @enum {string} */
            destination?: "999" | "a-and-e" | "nhs-111" | "nhs-111-mental-health" | "nhs-111-online" | "pharmacy-first" | "extended-access-hub";
            /** @enum {string} */
            screening: "emergency" | "concern" | "clear";
            advice?: string;
        };
        RequestStatus: {
            /** Format: uuid */
            id: string;
            practice: string;
            /** @enum {string} */
            status: "received" | "accepted" | "queued" | "redirected" | "cancelled";
            reason: {
                /** @enum {string} */
                code: "received" | "accepted-routine" | "accepted-urgent" | "accepted-admin" | "accepted-duty-clinician" | "concern-duty-clinician" | "accepted-next-working-day" | "queued-capacity" | "queued-out-of-hours" | "queued-paused" | "promoted" | "redirected-emergency" | "redirected-nhs-111" | "redirected-nhs-111-online" | "redirected-pharmacy-first" | "redirected-extended-access" | "redirected-closed-out-of-hours" | "redirected-paused" | "redirected-concern" | "fair-use-limit" | "cancelled";
                text: string;
            };
            /** @enum {string} */
            destination?: "999" | "a-and-e" | "nhs-111" | "nhs-111-mental-health" | "nhs-111-online" | "pharmacy-first" | "extended-access-hub";
            queue?: {
                position: number;
                /** Format: date */
                expectedDay: string;
            };
            /** Format: date */
            day?: string;
            /** @enum {string} */
            screening?: "emergency" | "concern" | "clear";
            advice?: string;
            updatedAt: string;
        };
        Client: {
            clientId: string;
            name: string;
            practices: string[];
            rateLimitPerMinute?: number;
            createdAt: string;
        };
        CreateClientBody: {
            name: string;
            practices: string[];
            rateLimitPerMinute?: number;
        };
        CreatedClient: {
            clientId: string;
            name: string;
            practices: string[];
            rateLimitPerMinute?: number;
            createdAt: string;
            key: string;
            note: string;
        };
        WeeklyRota: {
            monday?: {
                clinicians: {
                    id: string;
                    /** @enum {string} */
                    role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                    contacts?: number;
                }[];
                closed?: boolean;
            };
            tuesday?: {
                clinicians: {
                    id: string;
                    /** @enum {string} */
                    role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                    contacts?: number;
                }[];
                closed?: boolean;
            };
            wednesday?: {
                clinicians: {
                    id: string;
                    /** @enum {string} */
                    role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                    contacts?: number;
                }[];
                closed?: boolean;
            };
            thursday?: {
                clinicians: {
                    id: string;
                    /** @enum {string} */
                    role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                    contacts?: number;
                }[];
                closed?: boolean;
            };
            friday?: {
                clinicians: {
                    id: string;
                    /** @enum {string} */
                    role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                    contacts?: number;
                }[];
                closed?: boolean;
            };
        };
        Rota: {
            clinicians: {
                id: string;
                /** @enum {string} */
                role: "GP" | "ANP" | "pharmacist" | "physio" | "nurse" | "paramedic" | "mental-health" | "other";
                contacts?: number;
            }[];
            closed?: boolean;
        };
        SafeCapacity: {
            total: number;
            routine: number;
            urgent: number;
            admin: number;
        };
        PracticeConfig: {
            /** @default your GP practice */
            name?: string;
            phone?: string;
            /**
             * @default gms-contract-2025
             * @enum {string}
             */
            policy?: "gms-contract-2025" | "bma-safe-working";
            /** @default 20 */
            urgentSharePct?: number;
            /** @default 20 */
            adminAllowance?: number;
            /** @default {} */
            roleContacts?: {
                /** @default 25 */
                GP?: number;
                /** @default 25 */
                ANP?: number;
                /** @default 20 */
                pharmacist?: number;
                /** @default 15 */
                physio?: number;
                /** @default 25 */
                nurse?: number;
                /** @default 20 */
                paramedic?: number;
                /** @default 10 */
                "mental-health"?: number;
                /** @default 15 */
                other?: number;
            };
            /** @default {} */
            thresholds?: {
                /** @default 80 */
                amberPct?: number;
                /** @default 5 */
                hysteresisPct?: number;
                queueAgeAmberMinutes?: number;
            };
            /**
             * @default next-working-day
             * @enum {string}
             */
            outOfHours?: "closed" | "admin-only" | "next-working-day";
            /**
             * @default wait-list
             * @enum {string}
             */
            beyondCapacity?: "wait-list" | "signpost";
            /**
             * @default [
             *       "pharmacy-first",
             *       "nhs-111-online"
             *     ]
             */
            signpostTargets?: ("pharmacy-first" | "extended-access-hub" | "nhs-111-online")[];
            extendedAccessHub?: {
                name: string;
                phone?: string;
            };
            /**
             * @default [
             *       "under-1s",
             *       "palliative-care"
             *     ]
             */
            protectedCohorts?: string[];
            /** @default {} */
            fairUse?: {
                /** @default false */
                enabled?: boolean;
                /** @default 1 */
                maxOpenRoutine?: number;
                /** @default 24 */
                windowHours?: number;
            };
            rateLimitPerMinute?: number;
            /** @default [] */
            closures?: string[];
            listSize?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createRequest: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "kind": "clinical",
                 *       "description": "Rash on my arm for two weeks",
                 *       "contact": {
                 *         "sms": "07700900123"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateRequestBody"];
            };
        };
        responses: {
            /** @description Taken (or answered at once for an emergency) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateRequestResponse"];
                };
            };
            /** @description The body, practice code or Idempotency-Key is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "about:blank",
                     *       "title": "Unauthorised",
                     *       "status": 401,
                     *       "detail": "Send your client key as Authorization: Bearer <key>."
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Sluice does not serve this practice */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A request with this Idempotency-Key is still being taken */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is over 16 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used for another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Beyond the practice's or the client's requests a minute */
            429: {
                headers: {
                    /** @description Seconds until a request would be taken */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Sluice cannot take the request safely just now (advice in detail) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRequestStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestStatus"];
                };
            };
            /** @description No request has this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The status cannot be read just now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The clients */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clients: components["schemas"]["Client"][];
                    };
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the operator key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Our consultation tool",
                 *       "practices": [
                 *         "A81001"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["CreateClientBody"];
            };
        };
        responses: {
            /** @description The key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedClient"];
                };
            };
            /** @description The body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the operator key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A practice Sluice does not serve */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not the operator key */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No client has that id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWeeklyRota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template ({} until one is set) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WeeklyRota"];
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putWeeklyRota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "monday": {
                 *         "clinicians": [
                 *           {
                 *             "id": "gp1",
                 *             "role": "GP",
                 *             "contacts": 25
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["WeeklyRota"];
            };
        };
        responses: {
            /** @description The template as saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WeeklyRota"];
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDayRota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
                date: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The day */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        rota: components["schemas"]["Rota"] | null;
                        safeCapacity: components["schemas"]["SafeCapacity"];
                        dated: boolean;
                    };
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putDayRota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
                date: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "clinicians": [
                 *         {
                 *           "id": "gp1",
                 *           "role": "GP",
                 *           "contacts": 25
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Rota"];
            };
        };
        responses: {
            /** @description The day as saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        date: string;
                        rota: components["schemas"]["Rota"];
                        safeCapacity: components["schemas"]["SafeCapacity"];
                    };
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PracticeConfig"];
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putConfig: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Riverside Surgery",
                 *       "policy": "bma-safe-working"
                 *     }
                 */
                "application/json": components["schemas"]["PracticeConfig"];
            };
        };
        responses: {
            /** @description The settings as saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PracticeConfig"];
                };
            };
            /** @description The practice code or the body is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No key, or one Sluice does not know */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key does not reach this practice */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
