// Swagger UI on our OpenAPI schema, from files this server serves (no CDN: it works offline).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
